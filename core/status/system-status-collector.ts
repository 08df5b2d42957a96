import { inject, injectable, multiInject, optional } from 'inversify';
import { Clock } from '../clock/clock.js';
import { Logger } from '../logging/logger.js';
import { SecretRedactor } from './secret-redactor.js';
import { StatusContribution } from './status-contribution.js';
import { SPEC_SECTIONS, type SystemStatus, type SystemStatusSnapshot } from './system-status.js';

/**
 * The SystemStatus: asks every StatusContribution at once and merges the answers by section, in
 * binding order (objects shallowly, arrays appended, anything else replaced). The six SPEC
 * sections are always there, null while nobody contributes one (or every contributor failed);
 * other sections follow in binding order. A contribution that throws is logged once and left out.
 */
@injectable()
export class SystemStatusCollector implements SystemStatus {
  private readonly reported = new WeakSet<StatusContribution>();

  constructor(
    @multiInject(StatusContribution) @optional() private readonly contributions: StatusContribution[] = [],
    @inject(SecretRedactor) private readonly redactor: SecretRedactor,
    @inject(Clock) private readonly clock: Clock,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async snapshot(): Promise<SystemStatusSnapshot> {
    const settled = await Promise.allSettled(this.contributions.map(async (contribution) => (await contribution.snapshot()) as unknown));
    const sections = new Map<string, unknown>(SPEC_SECTIONS.map((section) => [section, null]));
    for (const [index, result] of settled.entries()) {
      const contribution = this.contributions[index]!;
      if (result.status === 'rejected') {
        this.reportOnce(contribution, result.reason);
        continue;
      }
      sections.set(contribution.section, merge(sections.get(contribution.section) ?? null, result.value));
    }
    return this.redactor.redact({ generated_at: new Date(this.clock.now()).toISOString(), ...Object.fromEntries(sections) });
  }

  private reportOnce(contribution: StatusContribution, error: unknown): void {
    if (this.reported.has(contribution)) return;
    this.reported.add(contribution);
    this.logger.error({ section: contribution.section, err: error }, 'A status section failed; it is left out of /api/system/status');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function merge(existing: unknown, next: unknown): unknown {
  if (isPlainObject(existing) && isPlainObject(next)) return { ...existing, ...next };
  if (Array.isArray(existing) && Array.isArray(next)) return [...existing, ...next];
  return next;
}
