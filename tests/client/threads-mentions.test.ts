import { expect, it } from 'vitest';
import { mentionsIn, toCode, toDisplay } from '../../client/features/threads/mentions.display';

const nadia = '0b6f3c1e-8f7a-4c1e-9d6b-2a1f5e7c9d10';
const code = `Bonjour @[Nadia Benali](${nadia}), tu relis ?`;

it('shows a mention as its name and gives the code back unchanged', () => {
  expect(toDisplay(code)).toBe('Bonjour @Nadia Benali, tu relis ?');
  expect(toCode(toDisplay(code), mentionsIn(code))).toBe(code);
});

it('keeps the code when text is typed around the mention', () => {
  const known = mentionsIn(code);
  expect(toCode('Merci @Nadia Benali ! Et @Nadia Benali aussi.', known)).toBe(`Merci @[Nadia Benali](${nadia}) ! Et @[Nadia Benali](${nadia}) aussi.`);
});

it('drops a mention whose name was edited, and never matches a longer word', () => {
  const known = mentionsIn(code);
  expect(toCode('Bonjour @Nadia Bena, tu relis ?', known)).toBe('Bonjour @Nadia Bena, tu relis ?');
  expect(toCode('@Nadia Benalix', known)).toBe('@Nadia Benalix');
});

it('prefers the longer of two names that start alike', () => {
  const known = new Map([['Anne', 'a1'], ['Anne Marie Roux', 'a2']]);
  expect(toCode('@Anne Marie Roux et @Anne', known)).toBe('@[Anne Marie Roux](a2) et @[Anne](a1)');
});
