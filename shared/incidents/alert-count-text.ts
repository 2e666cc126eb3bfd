import { countText } from '../count-text.ts';

/** "1 alert", "10,000 alerts": an incident's size as its row shows it (the app's list and the host's first frame). */
export function alertCountText(count: number): string {
  return `${countText(count)} alert${count === 1 ? '' : 's'}`;
}
