import { datetimeKind } from './datetime';

const normalize = (v: unknown) => datetimeKind.normalize(v);

describe('datetime values normalized to ISO UTC text', () => {
  it('reads PostgreSQL\'s own text of a timestamptz, in UTC or with an offset, truncating past milliseconds', () => {
    expect(normalize('2026-01-01 00:00:00+00')).toBe('2026-01-01T00:00:00.000Z');
    expect(normalize('2026-01-01 08:30:00.123456+08')).toBe('2026-01-01T00:30:00.123Z');
    expect(normalize('2026-01-01 00:00:00.5-05:30')).toBe('2026-01-01T05:30:00.500Z');
    expect(normalize('2024-02-29 23:59:59.9999+00')).toBe('2024-02-29T23:59:59.999Z');
  });

  it('agrees with Date on ISO 8601 text, and leaves what is no instant as it is', () => {
    for (const text of ['2026-03-01T12:00:00Z', '2026-03-01T12:00:00.250+01:00', '2025-12-31T23:59:59-08:00']) {
      expect(normalize(text)).toBe(new Date(text).toISOString());
    }
    expect(normalize(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z');
    expect(normalize('not a date')).toBe('not a date');
  });
});

describe('the API shape of an instant', () => {
  it('is kept as it is, and PostgreSQL\'s UTC text with or without a fraction becomes it', () => {
    expect(normalize('2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(normalize('2026-05-31 23:59:59+00')).toBe('2026-05-31T23:59:59.000Z');
    expect(normalize('2026-05-31 23:59:59.5+00')).toBe('2026-05-31T23:59:59.500Z');
    expect(normalize('2026-05-31 23:59:59.123789+00')).toBe('2026-05-31T23:59:59.123Z');
  });
});
