import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { isApiProblem } from '@app/api/problem';
import { useQuickReplies } from '@app/api/quick-replies';
import { useAddMessage } from '@app/api/ticket-messages';
import type { TicketDetail } from '@app/api/types';
import { problemMessage } from '@app/i18n/problem-message';
import { PendingUploadList } from '@app/tickets/detail/PendingUploadList';
import { useAttachmentUploads } from '@app/tickets/detail/use-attachment-uploads';
import { usePersonalDataReplyConfirm } from '@app/tickets/detail/use-personal-data-reply-confirm';
import { useReplyDraft } from '@app/tickets/detail/use-reply-draft';
import { App, Button, Flex, Input, type InputRef, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QuickReplyPicker, ShortcutSuggestions } from './QuickReplyPicker';
import { matchQuickReplies } from './quick-reply-match';
import { useAgentTyping } from './use-agent-typing';

/**
 * Writing in a chat: Enter sends, Shift+Enter starts a new line. Quick replies come from the ⚡ list or by typing
 * `/shortcut`. The draft is kept per chat (switching chats does not lose it); images can be pasted.
 */
export function ChatComposer({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [body, setBody] = useReplyDraft(ticket.id);
  const uploads = useAttachmentUploads(ticket.id);
  const addMessage = useAddMessage(ticket.id);
  const confirmPersonalData = usePersonalDataReplyConfirm();
  const quickReplies = useQuickReplies();
  const typing = useAgentTyping(ticket.id);
  const input = useRef<InputRef>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const matches = matchQuickReplies(body, quickReplies.data ?? []);
  const hasContent = body.trim().length > 0 || uploads.attachmentIds.length > 0;
  const canSend = hasContent && !uploads.busy && !addMessage.isPending;

  useEffect(() => {
    input.current?.focus();
  }, []);

  const change = (text: string) => {
    setBody(text);
    typing.typed(text);
  };

  const insertQuickReply = (replyBody: string) => {
    change(replyBody);
    input.current?.focus();
  };

  const submit = (personalDataConfirmed: boolean) => {
    typing.stopped();
    addMessage.mutate(
      {
        direction: 'outbound',
        // A message of only files still needs a text; the file names say what was sent.
        body: body.trim() || uploads.uploads.map((upload) => upload.name).join('、'),
        attachmentIds: uploads.attachmentIds,
        ...(personalDataConfirmed && { confirmPersonalData: true }),
      },
      {
        onSuccess: () => {
          setBody('');
          uploads.clear();
        },
        onError: (error) => {
          if (isApiProblem(error) && error.code === 'personal_data_in_reply' && !personalDataConfirmed) {
            void confirmPersonalData(error, ticket.channel).then((sendAnyway) => {
              if (sendAnyway) submit(true);
            });
            return;
          }
          void message.error(problemMessage(t, error));
        },
      },
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter also confirms a Chinese input method's candidate: that one is not a send.
    if (event.nativeEvent.isComposing) return;
    const [firstMatch] = matches;
    if (firstMatch && (event.key === 'Tab' || event.key === 'Enter')) {
      event.preventDefault();
      insertQuickReply(firstMatch.body);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (canSend) submit(false);
    }
  };

  return (
    <Flex vertical gap={6}>
      <ShortcutSuggestions matches={matches} onPick={insertQuickReply} />
      <Input.TextArea
        ref={input}
        data-testid="chat-composer"
        value={body}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={typing.stopped}
        onPaste={(event) => {
          const files = Array.from(event.clipboardData.files);
          if (files.length === 0) return;
          event.preventDefault();
          uploads.add(files);
        }}
        autoSize={{ minRows: 2, maxRows: 8 }}
        maxLength={5000}
        placeholder={t('liveChat.composer.placeholder')}
        aria-label={t('liveChat.composer.label')}
      />
      <PendingUploadList uploads={uploads.uploads} onRemove={uploads.remove} />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={8}>
          <QuickReplyPicker replies={quickReplies.data ?? []} onPick={insertQuickReply} />
          <Button
            icon={<PaperClipOutlined />}
            onClick={() => fileInput.current?.click()}
            aria-label={t('liveChat.composer.attach')}
            data-testid="chat-attach"
          />
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept="image/*,application/pdf"
            data-testid="chat-file-input"
            onChange={(event) => {
              uploads.add(Array.from(event.target.files ?? []));
              event.target.value = '';
            }}
          />
        </Flex>
        <Flex gap={12} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('liveChat.composer.enterHint')}
          </Typography.Text>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!canSend}
            loading={addMessage.isPending}
            onClick={() => submit(false)}
            data-testid="chat-send"
          >
            {t('liveChat.composer.send')}
          </Button>
        </Flex>
      </Flex>
    </Flex>
  );
}
