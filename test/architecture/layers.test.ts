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
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const planted: [file: string, code: string, layer: RegExp][] = [
  ['common/planted.ts', "import { paths } from '../main/paths.js';", /common\/ is the bottom/],
  ['common/contract/planted.ts', "import '../../drivers/ports.js';", /common\/ is the bottom/],
  ['drivers/planted.ts', "import '../kiosk-config/schema.js';", /drivers\/ may import only/],
  ['drivers/printer/planted.ts', "import '../../main/paths.js';", /drivers\/ may import only/],
  ['kiosk-config/planted.ts', "import '../drivers/ports.js';", /kiosk-config\/ may import only/],
  ['renderer/src/planted.ts', "import '../../main/transport/ipc.js';", /renderer\/ may import/],
  ['main/queue/planted.ts', "import '../../platform/simulator/server.js';", /simulator/],
  ['main/queue/planted.ts', "import '../../test/support/core.js';", /main\/ composes/],
  ['main/queue/planted.ts', "import { app } from 'electron';", /Only main\/shell/],
];

describe('lint enforces the layers', () => {
  it.each(planted)('%s: %s is refused', async (file, code, why) => {
    const messages = await restricted(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(why);
  });

  it.each([
    ['main/queue/planted.ts', "import '../../drivers/ports.js';"],
    ['main/demo/planted.ts', "import '../../platform/simulator/server.js';"],
    ['main/shell/planted.ts', "import { app } from 'electron';"],
    ['drivers/planted.ts', "import '../common/text.js';"],
    ['renderer/src/planted.ts', "import '../../common/contract/contract.js';"],
    ['drivers/planted.test.ts', "import '../test/support/core.js';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
