import { resolve } from 'node:path';
import { RuleTester } from 'eslint';
import { publicSurfaceRule } from '../../eslint/public-surface-rule.js';

const ROOT = resolve(import.meta.dirname, '../..');
const at = (file: string): string => resolve(ROOT, file);

// RuleTester runs each case as a mocha test (describe/it are globals here).
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2023, sourceType: 'module' } });

describe('publicSurfaceRule', () => {
  tester.run('public-surface', publicSurfaceRule, {
    valid: [
      { filename: at('plugins/providers/binance/binance-module.ts'), code: "import { defineProviderPlugin } from '../../../core/index.js';" },
      { filename: at('plugins/providers/binance/binance-module.ts'), code: "import { BINANCE_DEFAULTS } from './binance-defaults.js';" },
      { filename: at('plugins/api/system/system-routes.ts'), code: "import { SentimentStatus } from '../../ai/sentiment/index.js';" },
      { filename: at('plugins/builtin-plugins.ts'), code: "const load = () => import('./api/market/index.js');" },
      { filename: at('examples/provider-plugin/index.ts'), code: "import { definePlugin } from 'crypto-datasource'; import { X } from './x.js';" },
      { filename: at('core/router/smart-router.ts'), code: "import { Deadline } from '../resilience/deadline.js';" },
      { filename: at('test/core/router/smart-router.test.ts'), code: "import { SmartRouter } from '../../../core/router/smart-router.js';" },
    ],
    invalid: [
      {
        filename: at('plugins/providers/binance/binance-capabilities.ts'),
        code: "import { saneCandle } from '../../../core/providers/http/sane-candle.js';",
        errors: [{ messageId: 'core' }],
      },
      {
        filename: at('plugins/api/system/system-routes.ts'),
        code: "export { ModelRegistry } from '../../ai/sentiment/model-registry.js';",
        errors: [{ messageId: 'plugin' }],
      },
      { filename: at('test/fixtures/plugins/hello-plugin.ts'), code: "import { Kernel } from '../../../core/kernel/kernel.js';", errors: [{ messageId: 'core' }] },
      { filename: at('examples/provider-plugin/index.ts'), code: "import { definePlugin } from '../../core/index.js';", errors: [{ messageId: 'outside' }] },
    ],
  });
});
