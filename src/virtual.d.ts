declare module 'virtual:counterclaim/dataset' {
  const dataset: import('./core/schema').Dataset;
  export default dataset;
}
declare module 'virtual:counterclaim/index' {
  const index: import('./core/compile').CompiledIndex;
  export default index;
}
declare module 'virtual:counterclaim/prefilter' {
  const filter: import('./core/prefilter').Prefilter;
  export default filter;
}
