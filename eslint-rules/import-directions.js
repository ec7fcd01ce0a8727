import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Imports go one way (../shared/architecture.md, rule 1). Each import is resolved against the file
 * that makes it and judged by the folder it lands in, so `../features/x`, `../../server/features/x`
 * and `./../features/x` are the same import; a pattern on the raw string would miss some spelling.
 * Static, re-export, dynamic `import('…')` and `require('…')` are all checked. There is no path
 * alias in tsconfig or vite; should one appear, `@/x` and `~/x` are read from the repository root
 * so they cannot slip past.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const aliasPrefix = /^[@~]\//;

/** Package name of a bare specifier: `@scope/name/deep` → `@scope/name`, `node:fs` → `node:fs`. */
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Repository-relative path with forward slashes, or null when outside the repository. */
function inRepo(absolute) {
  const path = relative(root, absolute).split(sep).join('/');
  return path.startsWith('..') ? null : path;
}

const within = (path, folder) => path === folder || path.startsWith(`${folder}/`) || path.startsWith(`${folder}.`);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go one way between shared/, db/, server/core, server/ and client/.' },
    schema: [{
      type: 'object',
      properties: {
        layers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              from: { type: 'string' },
              forbid: { type: 'array', items: { type: 'string' } },
              allowOnly: { type: 'array', items: { type: 'string' } },
              packages: { type: 'array', items: { type: 'string' } },
              packagesOnly: { type: 'array', items: { type: 'string' } },
              message: { type: 'string' },
            },
            required: ['from', 'message'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    }],
    messages: { direction: '{{message}} (import of "{{spec}}")' },
  },
  create(context) {
    const file = inRepo(context.filename);
    if (!file) return {};
    // Every layer the file belongs to applies: a file of server/core obeys server/'s rule too.
    const layers = (context.options[0]?.layers ?? []).filter((layer) => within(file, layer.from));
    if (layers.length === 0) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const bare = !spec.startsWith('.') && !spec.startsWith('/') && !aliasPrefix.test(spec);
      const target = bare ? null
        : inRepo(aliasPrefix.test(spec) ? resolve(root, spec.slice(2)) : resolve(dirname(context.filename), spec));
      for (const layer of layers) {
        const refused = bare
          ? (layer.packagesOnly && !layer.packagesOnly.includes(packageOf(spec)))
            || (layer.packages ?? []).some((name) => packageOf(spec) === name || (name.endsWith('*') && packageOf(spec).startsWith(name.slice(0, -1))))
          : target !== null && (
            (layer.allowOnly && !layer.allowOnly.some((folder) => within(target, folder)))
            || (layer.forbid ?? []).some((folder) => within(target, folder)));
        if (refused) {
          context.report({ node, messageId: 'direction', data: { message: layer.message, spec } });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // `type T = import('../features/x').T` is an import too.
      TSImportType: (node) => {
        const literal = node.source ?? node.argument?.literal;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};
