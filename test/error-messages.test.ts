import { ERROR_CODES } from '../api/app-error';
import en from '../ui/src/i18n/en';
import zhCN from '../ui/src/i18n/zh-CN';

/** Every error the API can answer has a sentence in both languages: none falls back to "unknown error". */
it('names every API error code in zh-CN and en', () => {
  for (const messages of [zhCN, en]) {
    const missing = Object.keys(ERROR_CODES).filter((code) => !(code in messages.errors));
    expect(missing).toEqual([]);
  }
});
