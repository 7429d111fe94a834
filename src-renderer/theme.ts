/** Ant Design theme: sober government blue, compact spacing for dense registers. */
import type { ThemeConfig } from 'antd';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    borderRadius: 4,
    fontFamily: "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#1d4f91', headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff' },
    Table: { cellPaddingBlockSM: 6, headerBg: '#eef2f8' },
  },
};
