declare module 'virtual:counterclaim/dataset' {
  const dataset: import('./core/schema').Dataset;
  export default dataset;
}
declare module 'virtual:counterclaim/index' {
  const index: import('./core/compile').CompiledIndex;
  export default index;
}
