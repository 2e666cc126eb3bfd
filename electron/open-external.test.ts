import { describe, expect, it } from 'vitest';
import { createOpenExternal } from './open-external.ts';

describe('createOpenExternal', () => {
  it('passes allowlisted links to the shell and refuses everything else', async () => {
    const opened: string[] = [];
    const openExternal = createOpenExternal({ openExternal: async (url) => void opened.push(url) });
    await openExternal('https://runbooks.example/HighApiErrorRate');
    await openExternal('tel:+15551234567');
    await expect(openExternal('javascript:alert(1)')).rejects.toThrow('refused to open link: scheme javascript: is not allowed');
    await expect(openExternal('file:///etc/passwd')).rejects.toThrow('scheme file: is not allowed');
    await expect(openExternal('https://evil.example/\u202Egnp.exe')).rejects.toThrow('control characters');
    expect(opened).toEqual(['https://runbooks.example/HighApiErrorRate', 'tel:+15551234567']);
  });

  it('surfaces a shell failure to the caller', async () => {
    const openExternal = createOpenExternal({ openExternal: async () => Promise.reject(new Error('no handler for slack:')) });
    await expect(openExternal('slack://channel?id=C1')).rejects.toThrow('no handler for slack:');
  });
});
