// The three vega-util helpers vega-interpreter imports, taken from the vega bundle already
// loaded on the page (window.vega), so no second copy of vega-util is needed.
const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;
export { ascending, isString, DisallowedObjectProperties };
