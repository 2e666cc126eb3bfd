import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTrayController } from './tray-controller.ts';
import type { TrayLike } from './tray-controller.ts';
import { makeIncident, makeSnapshot, NOW, makeRinging } from '../test-fixtures/electron/snapshot-builders.ts';

type Icon = { name: string };
type FakeMenu = { template: MenuItemConstructorOptions[] };

function setup() {
  const images: string[] = [];
  const tooltips: string[] = [];
  const menus: FakeMenu[] = [];
  const clicks: Array<() => void> = [];
  const events: string[] = [];
  let destroyed = false;
  const icons = { ok: { name: 'ok' }, firing: { name: 'firing' }, unacked: { name: 'unacked' }, blind: { name: 'blind' } };
  const controller = createTrayController<Icon, FakeMenu>({
    createTray: (icon) => {
      images.push(icon.name);
      const tray: TrayLike<Icon, FakeMenu> = {
        setImage: (image) => void images.push(image.name),
        setToolTip: (text) => void tooltips.push(text),
        setContextMenu: (menu) => void (menu && menus.push(menu)),
        on: (_event, listener) => clicks.push(listener),
        destroy: () => void (destroyed = true),
      };
      return tray;
    },
    buildMenu: (template) => ({ template }),
    icons,
    onAck: (key) => events.push(`ack:${key}`),
    onShowWindow: () => events.push('show'),
    onShowIncident: (key) => events.push(`focus:${key}`),
    onQuit: () => events.push('quit'),
    now: () => NOW,
  });
  return { controller, images, tooltips, menus, clicks, events, isDestroyed: () => destroyed };
}

/** Finds a menu item by its label path, like a user opening submenus. */
function item(menu: FakeMenu | undefined, ...path: Array<string | RegExp>): MenuItemConstructorOptions {
  let items = menu?.template ?? [];
  let found: MenuItemConstructorOptions | undefined;
  for (const step of path) {
    found = items.find((i) => (typeof step === 'string' ? i.label === step : step.test(i.label ?? '')));
    if (!found) throw new Error(`no menu item ${String(step)} in ${items.map((i) => i.label).join(' | ')}`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  return found as MenuItemConstructorOptions;
}

const click = (entry: MenuItemConstructorOptions) => (entry.click as unknown as () => void)();

describe('createTrayController', () => {
  it('starts as ok and follows ok -> unacked -> firing -> ok, setting the icon only on change', () => {
    const { controller, images } = setup();
    expect(controller.state()).toBe('ok');
    controller.update(makeSnapshot());
    controller.update(makeSnapshot([makeRinging('a')]));
    controller.update(makeSnapshot([makeRinging('a'), makeRinging('b')]));
    expect(controller.state()).toBe('unacked');
    controller.update(makeSnapshot([makeIncident('a', { state: 'acked' })]));
    expect(controller.state()).toBe('firing');
    controller.update(makeSnapshot([makeIncident('a', { state: 'resolved' })]));
    expect(controller.state()).toBe('ok');
    expect(images).toEqual(['ok', 'unacked', 'firing', 'ok']);
  });

  it("calls onAck with the incident's key when its Acknowledge item is clicked", () => {
    const { controller, menus, events } = setup();
    controller.update(makeSnapshot([makeRinging('inc-api', { title: 'HighApiErrorRate' }), makeRinging('inc-llm', { title: 'HighLLMLatency', severity: 'warning' })]));
    click(item(menus.at(-1), /HighLLMLatency/, 'Acknowledge'));
    click(item(menus.at(-1), /HighApiErrorRate/, 'Acknowledge'));
    click(item(menus.at(-1), /HighApiErrorRate/, 'Show details'));
    expect(events).toEqual(['ack:inc-llm', 'ack:inc-api', 'focus:inc-api']);
  });

  it('wires Show Vigil, Quit and a click on the icon', () => {
    const { controller, menus, events, clicks } = setup();
    controller.update(makeSnapshot());
    click(item(menus.at(-1), 'Show Vigil'));
    click(item(menus.at(-1), 'Quit Vigil'));
    clicks.forEach((listener) => listener());
    expect(events).toEqual(['show', 'quit', 'show']);
  });

  it('rebuilds the native menu and tooltip only when their text changes', () => {
    const { controller, menus, tooltips } = setup();
    const snapshot = makeSnapshot([makeRinging('a')]);
    controller.update(snapshot);
    controller.update({ ...snapshot, generatedAt: snapshot.generatedAt + 10_000 });
    expect(menus).toHaveLength(1);
    expect(tooltips).toEqual(['Vigil: 1 unacknowledged · 1 firing']);
    controller.update(makeSnapshot([makeRinging('a'), makeRinging('b')]));
    expect(menus).toHaveLength(2);
    expect(tooltips).toHaveLength(2);
  });

  it('leaves information lines without click handlers', () => {
    const { controller, menus } = setup();
    controller.update(makeSnapshot());
    expect(item(menus.at(-1), 'All clear, nothing firing')).toEqual({ label: 'All clear, nothing firing', enabled: false });
  });

  it('destroys the tray', () => {
    const { controller, isDestroyed } = setup();
    controller.destroy();
    expect(isDestroyed()).toBe(true);
  });
});
