import { expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, writeCalendar } from '../../../server/features/events/calendars.ics';

const long = 'Atelier « Éducation thérapeutique : co-construire, évaluer; mutualiser » — séances collectives, bilan éducatif partagé et évaluation quadriennale\\n';

it('folds long lines at 75 octets without cutting a character, and parses back to the same text', () => {
  const ics = writeCalendar({
    name: 'Journée', timeZone: 'Europe/Paris', stamp: new Date('2027-01-01T00:00:00Z'),
    events: [{ uid: 'session-1@maillage', sequence: 2, start: new Date('2027-03-27T08:00:00Z'), end: new Date('2027-03-27T09:00:00Z'), summary: long, description: 'Ligne 1\nLigne 2, suite; fin', location: '', url: 'http://localhost/agenda/j#session-1', categories: ['Atelier', 'Parcours, ville-hôpital'] }],
  });
  const lines = ics.split('\r\n');
  expect(ics.endsWith('\r\n')).toBe(true);
  for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
  expect(event.summary).toBe(long);
  expect(event.description).toBe('Ligne 1\nLigne 2, suite; fin');
  expect(event.sequence).toBe(2);
  expect(event.uid).toBe('session-1@maillage');
});

it('escapes the characters RFC 5545 reserves in text', () => {
  expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
  expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
});
