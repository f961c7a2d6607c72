// Photo storage and cleaning (`@shequ/use-cases/storage`): what use cases store photos with; apps only create the storage.
export * from './photo-storage.ts';
export * from './clean-photo.ts';
