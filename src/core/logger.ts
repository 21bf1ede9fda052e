import { pino } from 'pino';

/** The service's one JSON log; main.ts sets its level from LOG_LEVEL. Every layer may write to it. */
export const logger = pino({ base: { service: 'compute-atlas' }, timestamp: pino.stdTimeFunctions.isoTime });
