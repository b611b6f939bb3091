// TanStack Query hooks over api.ts: queries keyed by command name + arguments, mutations that refresh what they change.
import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import * as api from './api';
import type { EmployeeQuery } from './bindings/EmployeeQuery';

export const queryKeys = {
  overview: ['get_overview'] as const,
  company: ['get_company'] as const,
  departments: ['list_departments'] as const,
  employeesAll: ['list_employees'] as const,
  employees: (query: EmployeeQuery) => ['list_employees', query] as const,
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The backend is a local process: a failure is an answer, not a flaky network.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
}

export const useOverview = () => useQuery({ queryKey: queryKeys.overview, queryFn: api.getOverview });

export const useDepartments = () =>
  useQuery({ queryKey: queryKeys.departments, queryFn: api.listDepartments });

export const useEmployees = (query: EmployeeQuery) =>
  useQuery({
    queryKey: queryKeys.employees(query),
    queryFn: () => api.listEmployees(query),
    placeholderData: keepPreviousData,
  });

/** What changes when departments or employees change: the tree, the lists and the counts. */
const ROSTER_KEYS: readonly QueryKey[] = [
  queryKeys.departments,
  queryKeys.employeesAll,
  queryKeys.overview,
];
const COMPANY_KEYS: readonly QueryKey[] = [queryKeys.company, queryKeys.overview];

function useInvalidatingMutation<TInput, TOutput>(
  mutationFn: (input: TInput) => Promise<TOutput>,
  keys: readonly QueryKey[],
) {
  const client = useQueryClient();
  return useMutation<TOutput, api.ApiError, TInput>({
    // Pass the input alone: TanStack also hands mutationFn a context object the commands must not see.
    mutationFn: (input) => mutationFn(input),
    onSuccess: () =>
      Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined),
  });
}

export const useUpdateCompany = () => useInvalidatingMutation(api.updateCompany, COMPANY_KEYS);
export const useAddDepartment = () => useInvalidatingMutation(api.addDepartment, ROSTER_KEYS);
export const useRenameDepartment = () => useInvalidatingMutation(api.renameDepartment, ROSTER_KEYS);
export const useMoveDepartment = () => useInvalidatingMutation(api.moveDepartment, ROSTER_KEYS);
export const useDeleteDepartment = () => useInvalidatingMutation(api.deleteDepartment, ROSTER_KEYS);
export const useAddEmployee = () => useInvalidatingMutation(api.addEmployee, ROSTER_KEYS);
export const useEditEmployee = () => useInvalidatingMutation(api.editEmployee, ROSTER_KEYS);
export const useDeactivateEmployee = () =>
  useInvalidatingMutation(api.deactivateEmployee, ROSTER_KEYS);
export const useReactivateEmployee = () =>
  useInvalidatingMutation(api.reactivateEmployee, ROSTER_KEYS);
