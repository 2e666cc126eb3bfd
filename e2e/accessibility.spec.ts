import { AxeBuilder } from '@axe-core/playwright';
import { expect, openVigil, test } from './fixtures/vigil-test.ts';

// axe-core on every panel of the window, in light and dark, on the demo scenario (three ringing
// incidents, the rotation): any violation fails.

for (const scheme of ['light', 'dark'] as const) {
  test(`every panel has no axe violations (${scheme})`, async ({ page, launchHost }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const host = await launchHost({ config: null });
    await openVigil(page, host);
    // The ringing alarm stays announced: the strip's banner is an assertive live region (role=alert).
    await expect(page.getByRole('region', { name: 'Ringing alarms' }).getByRole('alert').first()).toBeVisible();
    const report: string[] = [];
    for (const tab of ['Incidents', 'Rotation', 'Settings', 'History']) {
      await page.getByRole('tab', { name: tab }).click();
      const result = await new AxeBuilder({ page }).analyze();
      for (const v of result.violations) report.push(`${tab}: ${v.id} (${v.impact}) ${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
    expect(report, report.join('\n')).toEqual([]);
  });
}
