/** The indicator catalogue (Kennzahlenkatalog): public API. */
export {
  CATALOGUE_VARIANTS,
  SOURCE_CHECKS,
  SOURCE_ORIGINS,
  definitionOf,
  downloadUrl,
  needsLocalData,
  parseCatalogueFile,
  regionalDepthOf,
  sourceOfIndicator,
  sourcesOf,
  variantsOf,
} from './catalogue';
export type {
  Catalogue,
  CatalogueEntry,
  CatalogueHeader,
  CatalogueMeta,
  CatalogueSource,
  CatalogueVariant,
  SourceOrigin,
} from './catalogue';
