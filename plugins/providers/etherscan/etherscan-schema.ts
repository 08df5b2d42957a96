import { z } from 'zod';
import { numeric } from '../../../core/index.js';

/**
 * Etherscan's error envelope, sent with HTTP 200: `{"status":"0","message":"NOTOK","result":"<reason>"}`
 * (etherscan.error_rate_limited.json, etherscan.error_v1_deprecated.json).
 */
export const EtherscanErrorSchema = z.looseObject({ status: z.literal('0'), result: z.string() });

/**
 * `GET /v2/api?chainid=1&module=gastracker&action=gasoracle&apikey=KEY` →
 * `{"status":"1","message":"OK","result":{"LastBlock","SafeGasPrice","ProposeGasPrice","FastGasPrice",
 * "suggestBaseFee","gasUsedRatio"}}`, gwei as decimal strings, possibly below 1 (etherscan.gasoracle.json).
 */
export const GasOracleSchema = z.looseObject({
  status: z.literal('1'),
  result: z.looseObject({
    SafeGasPrice: numeric,
    ProposeGasPrice: numeric,
    FastGasPrice: numeric,
    suggestBaseFee: numeric.optional(),
  }),
});
