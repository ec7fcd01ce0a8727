// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, h, nextTick, ref, type App } from 'vue';
import DataTable from '../../client/components/DataTable.vue';

// The one table of the back office (client/components/DataTable.vue), mounted as the views use it,
// read the way a screen reader and a sighted person would.

interface Person { id: string; name: string; email: string; disabled: boolean }
const people: Person[] = [
  { id: 'p1', name: 'Awa Diallo', email: 'awa.diallo@example.org', disabled: false },
  { id: 'p2', name: 'Luc Ferrand', email: 'luc.ferrand@example.org', disabled: true },
];
const columns = { name: 'Nom', email: 'Adresse e-mail', actions: 'Actions' };

let app: App | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
  document.body.innerHTML = '';
});

/**
 * Mounts the table; `props` is read at each render, so a view's reactive list can be passed.
 * h() sees a generic component's row type as unknown (templates infer it), hence the casts.
 */
function mount(props: () => { rows: readonly Person[]; empty?: string; rowClass?: (p: unknown) => Record<string, boolean> }, slots: Record<string, (p: { row: Person }) => unknown> = {}): HTMLElement {
  const el = document.createElement('div');
  document.body.append(el);
  app = createApp({ render: () => h(DataTable, { caption: 'Comptes', columns, rowKey: (p: unknown) => (p as Person).id, ...props() }, slots) });
  app.mount(el);
  return el;
}
const texts = (nodes: Iterable<Element>) => [...nodes].map((n) => n.textContent!.replace(/\s+/g, ' ').trim());

describe('the back-office table', () => {
  it('names itself, its columns and each row by its first cell, and scrolls with the keyboard', () => {
    const el = mount(() => ({ rows: people }), {
      actions: ({ row }) => h('button', { type: 'button' }, `Désactiver ${row.name}`),
    });
    const region = el.querySelector('[role="region"]')!;
    expect(region.getAttribute('aria-label')).toBe('Comptes');
    expect(region.getAttribute('tabindex')).toBe('0');
    const table = region.querySelector('table')!;
    expect(table.caption?.textContent).toBe('Comptes');
    expect(texts(table.querySelectorAll('thead th[scope="col"]'))).toEqual(['Nom', 'Adresse e-mail', 'Actions']);
    // The buttons' column is named for screen readers only.
    expect(table.querySelector('thead th:last-child .visually-hidden')?.textContent).toBe('Actions');
    expect(texts(table.querySelectorAll('tbody th[scope="row"]'))).toEqual(['Awa Diallo', 'Luc Ferrand']);
    const second = table.querySelectorAll('tbody tr')[1];
    expect(texts(second.querySelectorAll('td'))).toEqual(['luc.ferrand@example.org', 'Désactiver Luc Ferrand']);
  });

  it('says what to do instead of showing an empty table, when the view gives the sentence', () => {
    const withSentence = mount(() => ({ rows: [], empty: 'Aucune invitation pour le moment.' }));
    expect(withSentence.querySelector('table')).toBeNull();
    expect(withSentence.querySelector('p.hint')?.textContent).toBe('Aucune invitation pour le moment.');
    app!.unmount();
    const without = mount(() => ({ rows: [] }));
    expect(without.querySelector('table thead')?.textContent).toContain('Adresse e-mail');
    expect(without.querySelectorAll('tbody tr')).toHaveLength(0);
  });

  it('follows the list as it changes, marking the rows the view asks to', async () => {
    const rows = ref<Person[]>([people[0]]);
    const el = mount(() => ({ rows: rows.value, empty: 'Personne.', rowClass: (p: unknown) => ({ 'row--off': (p as Person).disabled }) }));
    expect(texts(el.querySelectorAll('tbody th'))).toEqual(['Awa Diallo']);
    rows.value = [...rows.value, people[1]];
    await nextTick();
    expect(texts(el.querySelectorAll('tbody th'))).toEqual(['Awa Diallo', 'Luc Ferrand']);
    expect(texts(el.querySelectorAll('tbody tr.row--off th'))).toEqual(['Luc Ferrand']);
    rows.value = [];
    await nextTick();
    expect(el.querySelector('table')).toBeNull();
    expect(el.textContent).toBe('Personne.');
  });
});
