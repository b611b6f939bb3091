// The person search of the pickers (分配成员, 登记请假, 调整余额): 工号 or 姓名 typed into a Select is asked of the backend
// (`list_employees`, any status, one page of 30) once typing pauses for 300 ms.
import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import * as api from '../api';
import type { EmployeeQuery } from '../bindings/EmployeeQuery';
import { queryKeys } from '../queries';

export const EMPLOYEE_SEARCH_DELAY_MS = 300;
export const EMPLOYEE_SEARCH_PAGE_SIZE = 30;

/** What a search asks for: everyone (any status), the first page; no `search` while nothing is typed. */
export function employeeSearchQuery(search: string): EmployeeQuery {
  const q: EmployeeQuery = { status: 'all', page: 1, page_size: EMPLOYEE_SEARCH_PAGE_SIZE };
  if (search !== '') q.search = search;
  return q;
}

/**
 * `onSearch` takes what is typed (a Select's `showSearch.onSearch`); `employees` is the query of the trimmed text,
 * asked once typing has paused for `EMPLOYEE_SEARCH_DELAY_MS`, keeping the previous rows while the next ones load.
 * With `enabled: false` nothing is asked.
 */
export function useEmployeeSearch({ enabled = true }: { enabled?: boolean } = {}) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(searchText.trim()), EMPLOYEE_SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [searchText]);
  const query = useMemo(() => employeeSearchQuery(search), [search]);
  const employees = useQuery({
    queryKey: queryKeys.employees(query),
    queryFn: () => api.listEmployees(query),
    enabled,
    placeholderData: keepPreviousData,
  });
  return { employees, onSearch: setSearchText };
}
