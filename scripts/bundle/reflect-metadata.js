/**
 * The Lambda bundle's Reflect metadata API, in place of the reflect-metadata package (see
 * scripts/build.mjs): the same functions on `Reflect`, each a lookup in a WeakMap per object
 * (and up its prototype chain where the API says so) instead of the package's registry of
 * metadata providers, which type-graphql's thousands of lookups at every cold start walk.
 * esbuild emits no decorator metadata, so in the bundle these lookups find none.
 * Installed only where no Reflect metadata API is.
 */
const stores = new WeakMap();

function table(target, property, create) {
  let byProperty = stores.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    byProperty = new Map();
    stores.set(target, byProperty);
  }
  let entries = byProperty.get(property);
  if (!entries && create) {
    entries = new Map();
    byProperty.set(property, entries);
  }
  return entries;
}

function checkTarget(target) {
  if (target === null || (typeof target !== "object" && typeof target !== "function"))
    throw new TypeError("Reflect metadata: the target must be an object");
}

const hasOwn = (key, target, property) => table(target, property, false)?.has(key) ?? false;
const getOwn = (key, target, property) => table(target, property, false)?.get(key);
const ownKeys = (target, property) => [...(table(target, property, false)?.keys() ?? [])];

const api = {
  defineMetadata(key, value, target, property) {
    checkTarget(target);
    table(target, property, true).set(key, value);
  },
  hasOwnMetadata(key, target, property) {
    checkTarget(target);
    return hasOwn(key, target, property);
  },
  hasMetadata(key, target, property) {
    checkTarget(target);
    for (let o = target; o !== null; o = Object.getPrototypeOf(o))
      if (hasOwn(key, o, property)) return true;
    return false;
  },
  getOwnMetadata(key, target, property) {
    checkTarget(target);
    return getOwn(key, target, property);
  },
  getMetadata(key, target, property) {
    checkTarget(target);
    for (let o = target; o !== null; o = Object.getPrototypeOf(o))
      if (hasOwn(key, o, property)) return getOwn(key, o, property);
    return undefined;
  },
  getOwnMetadataKeys(target, property) {
    checkTarget(target);
    return ownKeys(target, property);
  },
  getMetadataKeys(target, property) {
    checkTarget(target);
    const keys = new Set();
    for (let o = target; o !== null; o = Object.getPrototypeOf(o))
      for (const k of ownKeys(o, property)) keys.add(k);
    return [...keys];
  },
  deleteMetadata(key, target, property) {
    checkTarget(target);
    const entries = table(target, property, false);
    return entries ? entries.delete(key) : false;
  },
  metadata(key, value) {
    return (target, property) => api.defineMetadata(key, value, target, property);
  },
  decorate(decorators, target, property, attributes) {
    if (property === undefined) {
      let result = target;
      for (let i = decorators.length - 1; i >= 0; i--) {
        const decorated = decorators[i](result);
        if (decorated !== undefined && decorated !== null) result = decorated;
      }
      return result;
    }
    let descriptor = attributes;
    for (let i = decorators.length - 1; i >= 0; i--) {
      const decorated = decorators[i](target, property, descriptor);
      if (decorated !== undefined && decorated !== null) descriptor = decorated;
    }
    return descriptor;
  },
};

if (typeof Reflect.getMetadata !== "function")
  for (const [name, fn] of Object.entries(api))
    Object.defineProperty(Reflect, name, { value: fn, writable: true, configurable: true });
