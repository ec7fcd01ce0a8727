import { expect, it } from 'vitest';
import { mergeUntouched } from '../../../client/features/events/merge';

it('takes a colleague’s values for the fields left alone and keeps what the person typed', () => {
  const base = { title: 'Atelier parcours', start: '10:00', people: ['a'] };
  const form = { title: 'Atelier parcours patients', start: '10:00', people: ['a'] };
  const fresh = { title: 'Atelier parcours', start: '10:15', people: ['a', 'b'] };
  const next = mergeUntouched(form, base, fresh);
  expect(form).toEqual({ title: 'Atelier parcours patients', start: '10:15', people: ['a', 'b'] });
  expect(next).toEqual(fresh);
  // The form does not share arrays with the fresh copy: editing one leaves the other alone.
  form.people.push('c');
  expect(fresh.people).toEqual(['a', 'b']);
});
