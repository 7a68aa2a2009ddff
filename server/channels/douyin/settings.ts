import { z } from 'zod';

const baseUrl = z.url({ protocol: /^https?$/ }).max(500);

/** 抖音小程序 / 小游戏 客服 (抖音客服平台): the app's AppID and where its OpenAPI lives. */
export const douyinSettings = z.object({
  appId: z
    .string()
    .trim()
    .regex(/^tt[0-9a-zA-Z]{8,30}$/, 'A Douyin AppID looks like tt…'),
  /**
   * Where the token and reply endpoints live (`/mgplatform/api/apps/v2/token`, `…/reply/reply_user_text`):
   * https://minigame.zijieapi.com; tests point it at a local fake.
   */
  apiBaseUrl: baseUrl.default('https://minigame.zijieapi.com'),
  /**
   * The 开放平台 user name replies are shown under in Douyin's own 客服 console (`sender_name`); without it that
   * console shows the sender as "Error". The customer's view is the same either way.
   */
  senderName: z.string().trim().min(1).max(64).optional(),
});

export type DouyinSettings = z.infer<typeof douyinSettings>;

export const douyinCredentials = z.object({
  /** AppSecret (开发 → 开发配置): fetches the access_token that replies are sent with. */
  appSecret: z.string().trim().min(1).max(200),
  /** The Token entered under 消息推送配置 (3–32 characters): every push is signed with it. */
  token: z.string().trim().min(3).max(32),
});
