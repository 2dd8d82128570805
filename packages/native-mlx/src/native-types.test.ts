import { describe, expect, it } from 'vitest';
import { loadAddon } from './load.js';
import { NATIVE_FUNCTIONS } from './native-types.js';

describe('native addon surface', () => {
  it('exports exactly the functions the typed wrapper knows', () => {
    const { addon } = loadAddon();
    const exported = Object.keys(addon).filter((k) => k !== 'NativeArray' && typeof (addon as Record<string, unknown>)[k] === 'function');
    expect(new Set(exported)).toEqual(new Set(NATIVE_FUNCTIONS));
  });

  it('refuses to make arrays through the raw constructor', () => {
    const { addon } = loadAddon();
    expect(() => new (addon.NativeArray as unknown as new () => unknown)()).toThrow(/\[array\] arrays are made with mx\.array/);
  });
});
