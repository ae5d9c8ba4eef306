import { searchTokens, tsvectorLiteral } from '../../domain/search/segment';

/** A document name's search tokens (without its extension) as a tsvector literal, weight A. */
export function nameTsvLiteral(name: string): string {
  return tsvectorLiteral({ A: searchTokens(name.replace(/\.[a-z0-9]{1,8}$/i, ' ')) });
}
