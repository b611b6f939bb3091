// Dialogs for the department tree: add (name + parent), rename, and move (pick a new parent outside its own subtree).
import { useMemo } from 'react';
import { App, Form, Input, Modal, TreeSelect } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../bindings/DepartmentDto';
import {
  buildDepartmentTree,
  moveTargets,
  parentIdFromPicker,
  pickerValueFromParentId,
  toPickerNodes,
  TOP_LEVEL,
  type PickerNode,
} from '../departments/tree';
import { useAddDepartment, useMoveDepartment, useRenameDepartment } from '../queries';
import { splitFieldErrors, toApiError, type ApiError } from '../apiError';
import { currentLanguage } from '../i18n';
import { checkDepartmentName, DEPARTMENT_NAME_MAX_CHARS, formRule } from '../validation';

interface NameFormValues {
  name: string;
  parent: string;
}

const FORM_FIELDS = ['name', 'parent'] as const;
const FIELD_ALIASES = { department_name: 'name', parent_id: 'parent' } as const;

/** The OK button of the department dialogs, with its stable test hook. */
const okButton = (loading: boolean): ButtonProps =>
  ({ loading, 'data-testid': 'department-ok' }) as ButtonProps;

/** Shows a refused department change on the dialog's fields, or as a message. */
function useApplyError() {
  const { message } = App.useApp();
  const { i18n } = useTranslation();
  return (form: ReturnType<typeof Form.useForm<NameFormValues>>[0], error: unknown) => {
    const apiError: ApiError = toApiError(error);
    const split = splitFieldErrors(apiError, FORM_FIELDS, currentLanguage(i18n.language), FIELD_ALIASES);
    form.setFields(split.fields);
    split.general.forEach((text) => void message.error(text));
  };
}

function useTopLevelNode(): PickerNode {
  const { t } = useTranslation();
  return { value: TOP_LEVEL, key: TOP_LEVEL, title: t('department.top_level'), children: [] };
}

function ParentPicker({ treeData, value, onChange }: { treeData: PickerNode[]; value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <TreeSelect
      data-testid="department-parent-select"
      treeData={treeData}
      value={value}
      onChange={onChange}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('department.parent_placeholder')}
      popupMatchSelectWidth
    />
  );
}

/** 新增部门 (mode add, with a parent picker) or 重命名 (mode rename). */
export function DepartmentNameDialog({
  mode,
  departments,
  department,
  defaultParentId,
  onDone,
  onCancel,
}: {
  mode: 'add' | 'rename';
  departments: readonly DepartmentDto[];
  /** The department being renamed (rename mode). */
  department?: DepartmentDto;
  /** Where a new department goes by default (add mode). */
  defaultParentId: number | null;
  onDone: (saved: DepartmentDto) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NameFormValues>();
  const addDepartment = useAddDepartment();
  const renameDepartment = useRenameDepartment();
  const applyError = useApplyError();
  const topLevel = useTopLevelNode();
  const treeData = useMemo(
    () => [topLevel, ...toPickerNodes(buildDepartmentTree(departments))],
    [departments, topLevel],
  );
  const busy = addDepartment.isPending || renameDepartment.isPending;

  const onFinish = async (values: NameFormValues) => {
    try {
      if (mode === 'add') {
        const saved = await addDepartment.mutateAsync({
          name: values.name,
          parent_id: parentIdFromPicker(values.parent),
        });
        void message.success(t('department.added', { name: saved.name }));
        onDone(saved);
      } else if (department) {
        const saved = await renameDepartment.mutateAsync({ id: department.id, name: values.name });
        void message.success(t('department.renamed', { name: saved.name }));
        onDone(saved);
      }
    } catch (error) {
      applyError(form, error);
    }
  };

  return (
    <Modal
      open
      title={mode === 'add' ? t('department.add_title') : t('department.rename_title', { name: department?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={okButton(busy)}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<NameFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          name: department?.name ?? '',
          parent: pickerValueFromParentId(defaultParentId),
        }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('department.name')}
          validateFirst
          rules={[
            { required: true, message: t('validation.required_input', { field: t('department.name') }) },
            formRule(checkDepartmentName, t),
          ]}
        >
          <Input
            data-testid="department-name-input"
            autoFocus
            maxLength={DEPARTMENT_NAME_MAX_CHARS}
            placeholder={t('department.name_placeholder')}
            onPressEnter={(event) => {
              // Submit once: stop the browser's own implicit form submission as well.
              event.preventDefault();
              form.submit();
            }}
          />
        </Form.Item>
        {mode === 'add' && (
          <Form.Item name="parent" label={t('department.parent')}>
            <ParentPicker treeData={treeData} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 移动: choose a new parent; the department itself and its sub-departments are not offered. */
export function MoveDepartmentDialog({
  departments,
  department,
  onDone,
  onCancel,
}: {
  departments: readonly DepartmentDto[];
  department: DepartmentDto;
  onDone: (saved: DepartmentDto) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NameFormValues>();
  const moveDepartment = useMoveDepartment();
  const applyError = useApplyError();
  const topLevel = useTopLevelNode();
  const treeData = useMemo(
    () => [topLevel, ...toPickerNodes(moveTargets(departments, department.id))],
    [departments, department.id, topLevel],
  );

  const onFinish = async (values: NameFormValues) => {
    const parentId = parentIdFromPicker(values.parent);
    if (parentId === department.parent_id) {
      onCancel();
      return;
    }
    try {
      const saved = await moveDepartment.mutateAsync({ id: department.id, parent_id: parentId });
      void message.success(t('department.moved', { name: saved.name, path: saved.path }));
      onDone(saved);
    } catch (error) {
      applyError(form, error);
    }
  };

  return (
    <Modal
      open
      title={t('department.move_title', { name: department.name })}
      okText={t('department.move_ok')}
      cancelText={t('common.cancel')}
      okButtonProps={okButton(moveDepartment.isPending)}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<NameFormValues>
        form={form}
        layout="vertical"
        initialValues={{ name: department.name, parent: pickerValueFromParentId(department.parent_id) }}
        onFinish={onFinish}
      >
        <p>{t('department.move_hint', { path: department.path })}</p>
        <Form.Item
          name="parent"
          label={t('department.new_parent')}
          rules={[{ required: true, message: t('validation.required_select', { field: t('department.new_parent') }) }]}
        >
          <ParentPicker treeData={treeData} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
