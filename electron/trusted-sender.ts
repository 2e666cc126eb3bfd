// Who may call the core over IPC (GitHub Desktop style): the message must come from the top frame
// of one of OUR windows, and that frame must currently show OUR renderer document. A window that
// somehow navigated elsewhere, an iframe, or a foreign webContents is refused even though Electron
// would happily deliver its message.

/** The parts of Electron's WebFrameMain this check reads (WebFrameMain satisfies it). */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

/** The parts of IpcMainInvokeEvent this check reads (IpcMainInvokeEvent satisfies it). */
export interface SenderEventLike {
  readonly sender: unknown;
  readonly senderFrame: SenderFrameLike | null;
}

export interface SenderTrustInput {
  isAppUrl(url: string): boolean;
  /** True when `webContents` belongs to a window this process created (main or alarm window). */
  isOwnWebContents(webContents: unknown): boolean;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkSender(event: SenderEventLike, input: SenderTrustInput): SenderVerdict {
  if (!input.isOwnWebContents(event.sender)) return { trusted: false, reason: 'sender is not a Vigil window' };
  // senderFrame is null once the frame navigated away or was destroyed mid-call.
  const frame = event.senderFrame;
  if (!frame) return { trusted: false, reason: 'sender frame is gone' };
  if (frame.parent !== null) return { trusted: false, reason: 'sender is a subframe' };
  if (!input.isAppUrl(frame.url)) return { trusted: false, reason: 'sender frame is not the Vigil renderer' };
  return { trusted: true };
}

export function createSenderTrust(input: SenderTrustInput): (event: SenderEventLike) => SenderVerdict {
  return (event) => checkSender(event, input);
}
