/**
 * The layers are enforced by lint (eslint.config.js, layerRules): a file planted in each layer
 * that imports what that layer must not is refused, and the same import from a layer that may
 * make it passes. Runs ESLint itself with the project's config on text, so the rule is seen to
 * bite without writing into the tree.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { paths } from '../../main/paths.js';

const eslint = new ESLint({ cwd: paths.root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (
    result!.messages
      .filter((m) => m.ruleId === 'no-restricted-imports')
      // The rule's own words, without the import it quotes.
      .map((m) => m.message.replace(/^.*? by a pattern\. /, ''))
  );
}

/** An import statement as text (built, so no import rewriter mistakes it for one of ours). */
const use = (spec: string, name?: string): string =>
  name ? `${'import'} { ${name} } from '${spec}';` : `${'import'} '${spec}';`;

const planted: [file: string, code: string, layer: RegExp][] = [
  ['common/planted.ts', use('../main/paths.js', 'paths'), /common\/ is the bottom/],
  ['common/contract/planted.ts', use('../../drivers/ports.js'), /common\/ is the bottom/],
  ['drivers/planted.ts', use('../kiosk-config/schema.js'), /drivers\/ may import only/],
  ['drivers/printer/planted.ts', use('../../main/paths.js'), /drivers\/ may import only/],
  ['kiosk-config/planted.ts', use('../drivers/ports.js'), /kiosk-config\/ may import only/],
  ['renderer/src/planted.ts', use('../../main/transport/ipc.js'), /renderer\/ may import/],
  ['main/core/planted.ts', use('../../platform/simulator/server.js'), /loaded only by a demo host/],
  ['main/core/planted.ts', use('../../test/support/core.js'), /main\/ composes/],
  ['main/queue/planted.ts', use('../../platform/simulator/server.js'), /a capability stands/],
  ['main/queue/planted.ts', use('../transport/dispatch.js'), /a capability stands on/],
  ['main/case/planted.ts', use('../core/core.js'), /a capability stands on/],
  ['main/print/planted.ts', use('../hall-link/member.js'), /a capability stands on/],
  ['main/queue/planted.ts', use('electron', 'app'), /Only main\/shell/],
];

describe('lint enforces the layers', () => {
  it.each(planted)('%s: %s is refused', async (file, code, why) => {
    const messages = await restricted(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ['main/queue/planted.ts', use('../../drivers/ports.js')],
    ['main/queue/planted.ts', use('../access/access.js')],
    ['main/core/planted.ts', use('../transport/dispatch.js')],
    ['main/demo/planted.ts', use('../../platform/simulator/server.js')],
    ['main/shell/planted.ts', use('electron', 'app')],
    ['drivers/planted.ts', use('../common/text.js')],
    ['renderer/src/planted.ts', use('../../common/contract/contract.js')],
    ['drivers/planted.test.ts', use('../test/support/core.js')],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
