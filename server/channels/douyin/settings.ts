import { z } from 'zod';

const baseUrl = z.url({ protocol: /^https?$/ }).max(500);

/** 抖音小程序 客服: the mini-app's AppID. */
export const douyinSettings = z.object({
  appId: z
    .string()
    .trim()
    .regex(/^tt[0-9a-zA-Z]{8,30}$/, 'A Douyin AppID looks like tt…'),
  /** https://developer.toutiao.com; tests point it at a local fake. */
  apiBaseUrl: baseUrl.default('https://developer.toutiao.com'),
});

export const douyinCredentials = z.object({
  appSecret: z.string().trim().min(1).max(200),
  /** The token entered for message push (消息推送): pushes are signed with it. */
  token: z.string().trim().min(1).max(200),
});
