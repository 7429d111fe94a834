/**
 * The closed set of error codes that cross any boundary (RPC, HTTP), and the error value they travel in.
 * Messages are Vietnamese and say what to do next; code decides behaviour, message is for people.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'BAD_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'NO_OFFLINE_LOGIN',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_DOCUMENT',
  'FILE_REQUIRED',
  'SECRET_FILE_FORBIDDEN',
  'FILE_INVALID',
  'FILE_TOO_LARGE',
  'FILE_UNAVAILABLE_OFFLINE',
  'HASH_MISMATCH',
  'SERVER_UNREACHABLE',
  'PROTOCOL_MISMATCH',
  'INTERNAL',
  'PIN_INCORRECT',
  'PIN_COUNT_LOW',
  'PIN_FINAL_TRY',
  'PIN_LOCKED',
  'TOKEN_NOT_FOUND',
  'TOKEN_REMOVED',
  'TOKEN_MODULE_UNAVAILABLE',
  'CERT_NOT_FOUND',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_NOT_FOR_SIGNING',
  'PDF_ENCRYPTED',
  'PDF_CORRUPT',
  'SIGNATURE_INVALID',
  'TIMESTAMP_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorValue = { code: ErrorCode; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

/** Default Vietnamese messages; throw sites may give a more precise one. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.',
  UNKNOWN_METHOD: 'Chức năng không tồn tại trong phiên bản này. Vui lòng cập nhật phần mềm.',
  UNAUTHENTICATED: 'Bạn chưa đăng nhập. Vui lòng đăng nhập để tiếp tục.',
  BAD_CREDENTIALS: 'Tên đăng nhập hoặc mật khẩu không đúng. Vui lòng nhập lại.',
  TOO_MANY_ATTEMPTS: 'Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khóa đăng nhập. Vui lòng thử lại sau vài phút.',
  NO_OFFLINE_LOGIN:
    'Không kết nối được máy chủ và máy này chưa từng đăng nhập tài khoản này. Hãy kết nối mạng để đăng nhập lần đầu.',
  SESSION_EXPIRED: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu. Có thể nó đã bị xóa hoặc bạn không còn quyền xem.',
  CONFLICT: 'Dữ liệu đã bị thay đổi bởi người khác. Vui lòng tải lại và thử lại.',
  DUPLICATE_DOCUMENT: 'Văn bản này đã được vào sổ trong năm (trùng số, ký hiệu và cơ quan ban hành).',
  FILE_REQUIRED: 'Văn bản không mật phải có tệp đính kèm. Vui lòng thêm tệp văn bản trước khi vào sổ.',
  SECRET_FILE_FORBIDDEN:
    'Văn bản mật chỉ được vào sổ thông tin, không được lưu tệp trên máy tính nối mạng. Vui lòng gỡ tệp và vào sổ phần thông tin.',
  FILE_INVALID: 'Tệp không đọc được hoặc bị hỏng. Vui lòng quét lại hoặc xin bản khác từ nơi gửi.',
  FILE_TOO_LARGE: 'Tệp quá lớn. Vui lòng quét ở độ phân giải thấp hơn hoặc tách thành nhiều tệp.',
  FILE_UNAVAILABLE_OFFLINE: 'Tệp chưa có trên máy này và hiện không có kết nối. Tệp sẽ mở được khi có mạng.',
  HASH_MISMATCH: 'Tệp nhận được không khớp mã kiểm tra. Hệ thống sẽ tự tải lại.',
  SERVER_UNREACHABLE: 'Không kết nối được máy chủ. Dữ liệu vẫn được lưu trên máy và sẽ tự đồng bộ khi có mạng.',
  PROTOCOL_MISMATCH: 'Phiên bản phần mềm không khớp với máy chủ. Vui lòng cập nhật phần mềm.',
  INTERNAL: 'Đã xảy ra lỗi ngoài dự kiến. Dữ liệu của bạn không bị mất; vui lòng thử lại hoặc báo quản trị.',
  PIN_INCORRECT:
    'Mã PIN không đúng. Hãy nhập lại cẩn thận: USB ký số sẽ bị khóa nếu nhập sai quá số lần cho phép.',
  PIN_COUNT_LOW:
    'Mã PIN đã bị nhập sai nhiều lần, USB ký số chỉ còn ít lần thử. Hãy kiểm tra kỹ mã PIN trước khi nhập.',
  PIN_FINAL_TRY:
    'Đây là lần thử mã PIN cuối cùng: nếu sai, USB ký số sẽ bị khóa. Chỉ tiếp tục khi bạn chắc chắn mã PIN đúng.',
  PIN_LOCKED:
    'USB ký số đã bị khóa do nhập sai mã PIN quá số lần cho phép. Hãy liên hệ đơn vị cấp chứng thư số để mở khóa.',
  TOKEN_NOT_FOUND:
    'Không tìm thấy USB ký số. Hãy cắm USB token và thử lại.',
  TOKEN_REMOVED:
    'USB ký số đã bị rút ra trong khi ký. Văn bản đang ký chưa được ký; hãy cắm lại USB token và ký lại văn bản này.',
  TOKEN_MODULE_UNAVAILABLE:
    'Không nạp được trình điều khiển USB ký số. Hãy cài phần mềm của nhà cung cấp chứng thư số hoặc chọn đúng tệp thư viện PKCS#11.',
  CERT_NOT_FOUND:
    'Không tìm thấy chứng thư số dùng để ký trên USB ký số. Hãy kiểm tra lại USB token hoặc liên hệ đơn vị cấp chứng thư số.',
  CERT_EXPIRED:
    'Chứng thư số đã hết hạn nên không thể dùng để ký. Hãy liên hệ đơn vị cấp chứng thư số để gia hạn.',
  CERT_NOT_YET_VALID:
    'Chứng thư số chưa đến ngày có hiệu lực. Hãy kiểm tra ngày giờ của máy tính hoặc chờ đến ngày hiệu lực.',
  CERT_NOT_FOR_SIGNING:
    'Chứng thư số này không dùng để ký số. Hãy chọn chứng thư số ký khác trên USB token.',
  PDF_ENCRYPTED:
    'Tệp PDF đang được đặt mật khẩu hoặc mã hóa nên không thể ký. Hãy gỡ mật khẩu rồi ký lại.',
  PDF_CORRUPT:
    'Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể ký. Hãy xuất lại tệp PDF từ phần mềm soạn thảo.',
  SIGNATURE_INVALID:
    'Chữ ký số không hợp lệ: tệp đã bị thay đổi sau khi ký hoặc chứng thư số không được tin cậy. Hãy yêu cầu nơi gửi gửi lại văn bản.',
  TIMESTAMP_UNAVAILABLE:
    'Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian. Văn bản vẫn được ký; dấu thời gian sẽ được bổ sung khi có mạng.',
};

/** The exception used inside a process; boundaries turn it into an ErrorValue and back. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toValue(): ErrorValue {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** Any thrown value as an ErrorValue; unknown errors become INTERNAL without leaking internals. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof AppError) return err.toValue();
  return { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL };
}
