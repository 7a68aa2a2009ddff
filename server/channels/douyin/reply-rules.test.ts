import { describe, expect, it } from 'vitest';
import { refusalMeaning } from './reply-rules';

const failure = (code: string, permanent = true) => ({ kind: 'failure', code, permanent });

describe('reading a Douyin reply refusal', () => {
  it('drops the token for the access_token err_no values, whatever the message says', () => {
    expect(refusalMeaning(40004, 'access_token 不合法或已过期')).toEqual({ kind: 'token_expired' });
    expect(refusalMeaning(28001008, 'something else')).toEqual({ kind: 'token_expired' });
  });

  it('keeps the token when a refusal merely mentions access_token under another err_no', () => {
    expect(refusalMeaning(40001, '参数错误: access_token scope 不足')).toEqual(failure('rejected'));
    expect(refusalMeaning(40003, 'access_token missing permission open.ttgame.mgplatform')).toEqual(
      failure('rejected'),
    );
  });

  it('retries the documented 频控 code and rate-limit wording', () => {
    expect(refusalMeaning(100002, '')).toEqual(failure('transient', false));
    expect(refusalMeaning(2190099, '触发频控,请稍后重试')).toEqual(failure('transient', false));
  });

  it('recognises the window and the five-reply limit by their phrases', () => {
    expect(refusalMeaning(2190015, '超过48小时回复时限')).toEqual(failure('window_expired'));
    expect(refusalMeaning(1, 'reply not allowed after 48 hours')).toEqual(failure('window_expired'));
    expect(refusalMeaning(2190016, '超过5条回复上限')).toEqual(failure('quota_exhausted'));
    expect(refusalMeaning(1, '回复条数已达上限')).toEqual(failure('quota_exhausted'));
    expect(refusalMeaning(2190017, '会话不存在或用户不可达')).toEqual(failure('invalid_recipient'));
  });

  it('does not read a window, a quota or a recipient into messages that only contain "48", "5" or "user"', () => {
    for (const message of [
      'msg_id 7494460928000411148 重复',
      '参数错误: content 长度超过 480',
      'user content contains sensitive words',
      '用户内容含敏感词',
      '内容审核未通过',
      'create_time 无效',
      '最多15条',
      '',
    ]) {
      expect(refusalMeaning(40001, message), message).toEqual(failure('rejected'));
    }
  });
});
