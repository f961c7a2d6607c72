import type { Config } from 'tailwindcss';

// One UI kit: Tailwind tokens + Radix primitives in app/components/ui. A Chinese-first font stack.
export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', 'system-ui', 'sans-serif'],
      },
      colors: {
        brand: { 50: '#fdf3f2', 100: '#fbe4e1', 500: '#d9453a', 600: '#c0392f', 700: '#a02f26', 800: '#84291f' },
      },
    },
  },
  plugins: [],
} satisfies Config;
