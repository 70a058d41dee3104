import { describe, expect, it } from 'vitest';
import { isQuotaError, MAX_HISTORY, selectEvicted } from '../../src/ui/history';

describe('export history trimming', () => {
  const entry = (id: number, minute: number) => ({ id, time: `2025-01-01T00:${String(minute).padStart(2, '0')}:00.000Z` });

  it('keeps everything up to 20 entries', () => {
    expect(MAX_HISTORY).toBe(20);
    expect(selectEvicted(Array.from({ length: 20 }, (_, i) => entry(i + 1, i)))).toEqual([]);
  });

  it('evicts the oldest beyond 20, whatever the storage order', () => {
    const entries = Array.from({ length: 23 }, (_, i) => entry(i + 1, i)).reverse();
    expect(selectEvicted(entries).sort((a, b) => a - b)).toEqual([1, 2, 3]);
  });

  it('breaks time ties by id (insertion order)', () => {
    const entries = [entry(5, 0), entry(4, 0), entry(6, 1)];
    expect(selectEvicted(entries, 2)).toEqual([4]);
  });

  it('recognises quota errors only', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('x', 'NotFoundError'))).toBe(false);
    expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
  });
});
