import { useLoad, type Loaded } from '../ui/useLoad';
import { api } from './api';

export type Fetched<T> = Loaded<T>;

/** GETs `path` (null: nothing yet) and keeps the last answer while a new one loads. */
export function useFetch<T>(path: string | null): Fetched<T> {
  return useLoad(path === null ? null : () => api.get<T>(path), [path]);
}
