import pino, { type Logger } from 'pino';

/** JSON lines (for log shippers); readable lines when a person watches a terminal. */
export function createLogger(level: string): Logger {
  const redact = {
    paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.passwordHash'],
    censor: '[redacted]',
  };
  if (process.stdout.isTTY && !process.env.CI) {
    return pino({
      level,
      redact,
      transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level, redact });
}
