/**
 * Accent folding for search: "Đăng ký" -> "dang ky". SQLite's unicode61 tokenizer does not fold đ,
 * so the app folds both the indexed text and the query with this one function.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}
