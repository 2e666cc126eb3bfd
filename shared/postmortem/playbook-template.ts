// The playbook's post-mortem template (seeds 001, "Prepare Post-Mortem Document"), with Vigil's
// placeholders where the timeline knows the answer. The same text ships as
// examples/postmortem-template.md for teams to copy and adapt (a test keeps the two identical).
// Bracketed fields are what only people know: they stay visible until someone fills them in.

export const PLAYBOOK_POSTMORTEM_TEMPLATE = `# Incident Post-Mortem: {{date}} - {{title}}

_Prefilled by Vigil from the timeline it journaled. Fill in the bracketed fields._

## Summary
- **Duration**: {{start}} - {{end}} ({{duration}})
- **Severity**: {{severity}}
- **Alert**: {{summary}}
- **Labels**: {{labels}}
- **Impact**: [Customer impact description]
- **Root Cause**: [Technical root cause]

## Response
- **Paged**: {{paged}}
- **Acknowledged**: {{acked}}
- **Time to ack**: {{time_to_ack}}
- **Escalation**: {{escalation}}
- **Responders**: {{responders}}

## Timeline
Times in {{zone}}, with UTC in brackets.

{{timeline}}

## Root Cause Analysis
- [Detailed technical analysis]

## Action Items
{{action_items}}

## Lessons Learned
- [What went well]
- [What could be improved]
`;
