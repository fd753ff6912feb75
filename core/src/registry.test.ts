import { Registry, RegistryError } from './registry';

describe('Registry', () => {
  const colours = () => new Registry<'red' | 'green' | 'blue', number>('colour', [['red', 1], ['green', 2]]);

  it('looks up what was registered, in registration order', () => {
    const registry = colours().register('blue', 3);
    expect(registry.get('green')).toBe(2);
    expect(registry.find('blue')).toBe(3);
    expect(registry.has('red')).toBe(true);
    expect(registry.keys()).toEqual(['red', 'green', 'blue']);
    expect(registry.values()).toEqual([1, 2, 3]);
  });

  it('refuses a key registered twice and keeps the first definition', () => {
    const registry = colours();
    expect(() => registry.register('red', 9)).toThrow(RegistryError);
    expect(() => registry.register('red', 9)).toThrow('colour "red" is already registered');
    expect(registry.get('red')).toBe(1);
  });

  it('refuses duplicates among the initial entries too', () => {
    expect(() => new Registry('widget', [['lookup', 1], ['lookup', 2]])).toThrow('widget "lookup" is already registered');
  });

  it('names the kind, the missing key and every known key on a miss', () => {
    const registry = colours();
    expect(() => registry.get('purple')).toThrow(RegistryError);
    expect(() => registry.get('purple')).toThrow('unknown colour "purple"; known: red, green');
  });

  it('answers find and has without throwing for an unknown key', () => {
    const registry = colours();
    expect(registry.find('purple')).toBeUndefined();
    expect(registry.has('purple')).toBe(false);
  });
});
