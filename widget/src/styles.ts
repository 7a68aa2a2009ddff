/** The widget's stylesheet, inside its shadow root: nothing leaks into the host page and the page's CSS stays out. */
export const WIDGET_CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Segoe UI",Roboto,sans-serif;font-size:14px;line-height:1.5}
[hidden]{display:none!important}
button{cursor:pointer;font:inherit;border:0;background:none;color:inherit}
button:disabled{cursor:default;opacity:.5}
.launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;background:#1677ff;color:#fff;box-shadow:0 4px 16px rgba(0,0,0,.2);display:flex;align-items:center;justify-content:center}
.launcher svg{width:28px;height:28px;fill:currentColor}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#ff4d4f;color:#fff;font-size:12px;line-height:20px;text-align:center}
.panel{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:370px;height:min(600px,calc(100vh - 110px));background:#fff;color:#1f1f1f;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.2);display:flex;flex-direction:column;overflow:hidden}
header{display:flex;align-items:center;gap:8px;padding:12px 14px;background:#1677ff;color:#fff}
.titles{flex:1;min-width:0;display:flex;flex-direction:column}
.title{font-weight:600;font-size:15px}
.agent{font-size:12px;opacity:.9}
.end{font-size:12px;padding:2px 8px;border:1px solid rgba(255,255,255,.6);border-radius:12px}
.close{font-size:22px;line-height:1;padding:0 4px}
.bar{padding:6px 14px;font-size:12px;background:#fffbe6;color:#614700;border-bottom:1px solid #ffe58f}
.bar button{margin-left:8px;padding:0 8px;border-radius:4px;border:1px solid #d9d9d9;background:#fff;font-size:12px}
.messages{flex:1;overflow-y:auto;padding:12px;background:#f5f5f5;display:flex;flex-direction:column;gap:10px}
.msg{display:flex;flex-direction:column;max-width:80%;align-self:flex-start}
.msg.mine{align-self:flex-end;align-items:flex-end}
.bubble{padding:8px 12px;border-radius:10px;background:#fff;white-space:pre-wrap;word-break:break-word;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.mine .bubble{background:#1677ff;color:#fff}
.failed .bubble{background:#fff1f0;color:#a8071a}
.bubble img{display:block;max-width:200px;max-height:200px;border-radius:6px;margin-top:4px}
.bubble a{color:inherit;text-decoration:underline}
.meta{font-size:11px;color:#8c8c8c;margin-top:2px}
.meta button{color:#1677ff;font-size:11px;text-decoration:underline;margin-left:6px}
.notice{align-self:center;font-size:12px;color:#8c8c8c;text-align:center}
.card{align-self:stretch;background:#fff;border-radius:10px;padding:12px;display:flex;flex-direction:column;gap:8px}
.choices{display:flex;gap:6px;flex-wrap:wrap}
.choices button{padding:4px 12px;border:1px solid #d9d9d9;border-radius:16px}
.choices button.star{padding:0 2px;border:0;font-size:24px;color:#d9d9d9}
.choices button.star.on{color:#fadb14}
.choices button.on:not(.star){border-color:#1677ff;color:#1677ff;background:#e6f4ff}
textarea,input{width:100%;border:1px solid #d9d9d9;border-radius:6px;padding:6px 8px;resize:none;outline:none;color:#1f1f1f;background:#fff}
textarea:focus,input:focus{border-color:#1677ff}
.primary{background:#1677ff;color:#fff;border-radius:6px;padding:6px 14px;white-space:nowrap;flex:none}
.typing{padding:2px 14px;font-size:12px;color:#8c8c8c;background:#f5f5f5}
.error{padding:4px 14px;font-size:12px;color:#cf1322;background:#fff1f0}
.prechat{padding:12px 14px;display:flex;flex-direction:column;gap:8px;border-top:1px solid #f0f0f0}
.prechat label{display:flex;flex-direction:column;gap:2px;font-size:12px;color:#595959}
.prechat .invalid{border-color:#ff4d4f}
.composer{display:flex;align-items:flex-end;gap:6px;padding:10px;border-top:1px solid #f0f0f0}
.composer textarea{max-height:96px}
.attach{width:32px;height:32px;display:flex;align-items:center;justify-content:center;color:#595959}
.attach svg{width:20px;height:20px;fill:currentColor}
@media (max-width:480px){.panel{inset:0;width:100%;height:100%;border-radius:0}.launcher{right:16px;bottom:16px}}
`;
