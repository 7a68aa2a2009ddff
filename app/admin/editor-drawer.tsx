import { showProblemOnForm } from '@app/api/form-errors';
import { problemMessage } from '@app/i18n/problem-message';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Col, Drawer, Flex, type FormInstance, Row } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** null: closed; 'new': create; an item: edit it. */
export type EditTarget<Item> = Item | 'new' | null;

/**
 * The i18n sections whose texts an editor drawer shows (created, updated, form.createTitle, form.editTitle); each
 * list keeps its own copies so they can read differently.
 */
type EditorSection = 'routingRules' | 'slaPolicies';

interface Named {
  id: string;
  name: string;
}

const DRAWER_WIDTH = 1180;

/**
 * Saving an editor drawer's form: create or update by what is open, a toast and closing on success, and a
 * failure shown under the fields it concerns (as a toast when it concerns none of them).
 */
export function useEditorSave<Item extends Named, Values, Body, UpdateVariables>({
  form,
  target,
  section,
  create,
  update,
  toBody,
  updateVariables,
  fieldForCode,
  onClose,
}: {
  form: FormInstance<Values>;
  target: EditTarget<Item>;
  section: EditorSection;
  create: UseMutationResult<Item, Error, Body>;
  update: UseMutationResult<Item, Error, UpdateVariables>;
  toBody: (values: Values) => Body;
  updateVariables: (item: Item, body: Body) => UpdateVariables;
  /** Problems without a field path that still concern one field (a name already taken). */
  fieldForCode?: Record<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  const handlers = {
    onSuccess: (item: Item) => {
      message.success(t(target === 'new' ? `${section}.created` : `${section}.updated`, { name: item.name }));
      onClose();
    },
    onError: (error: unknown) => {
      if (!showProblemOnForm(form, t, error, fieldForCode)) message.error(problemMessage(t, error));
    },
  };

  const submit = (values: Values) => {
    const body = toBody(values);
    if (target === 'new') create.mutate(body, handlers);
    else if (target) update.mutate(updateVariables(target, body), handlers);
  };

  return { submit, saving: create.isPending || update.isPending };
}

/** The wide editor drawer: the form on the left, a panel that follows the draft (test-run, preview) on the right. */
export function EditorDrawer<Item extends Named>({
  target,
  section,
  readOnly,
  saving,
  saveTestId,
  formSpan,
  onSave,
  onClose,
  renderForm,
  renderSide,
}: {
  target: EditTarget<Item>;
  section: EditorSection;
  readOnly: boolean;
  saving: boolean;
  saveTestId: string;
  /** The form column's width at lg and up, of 24; the side panel takes the rest. */
  formSpan: number;
  onSave: () => void;
  onClose: () => void;
  renderForm: (target: Item | 'new') => ReactNode;
  renderSide: (target: Item | 'new') => ReactNode;
}) {
  const { t } = useTranslation();

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={DRAWER_WIDTH}
      destroyOnHidden
      title={
        target === null || target === 'new'
          ? t(`${section}.form.createTitle`)
          : t(`${section}.form.editTitle`, { name: target.name })
      }
      extra={
        !readOnly && (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={onSave} data-testid={saveTestId}>
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {target !== null && (
        <Row gutter={24}>
          <Col xs={24} lg={formSpan}>
            {renderForm(target)}
          </Col>
          <Col xs={24} lg={24 - formSpan}>
            <div style={{ position: 'sticky', top: 0 }}>{renderSide(target)}</div>
          </Col>
        </Row>
      )}
    </Drawer>
  );
}
