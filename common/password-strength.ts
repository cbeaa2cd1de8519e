// The strength rule for every password a person chooses: the first admin's at setup, and every
// password set in user administration. Shared so the web forms say what the server will say.

export const MIN_PASSWORD_LENGTH = 12;
/** Of lower case, upper case, digits and symbols, a password needs this many kinds. */
export const MIN_CHARACTER_KINDS = 3;

/**
 * Passwords that lead every published leak list, and the demo's own, lower-cased. Matched as the
 * whole password with its trailing digits and symbols removed, so "Password2024!" is refused too.
 */
const COMMON_PASSWORDS = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'iloveyou',
  'admin', 'administrator', 'welcome', 'letmein', 'abc', 'abcdef', 'abcdefg', 'abcd1234', 'qwe123', 'changeme',
  'monkey', 'dragon', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'trustno1', 'master',
  'woaini', 'woaini1314', 'aini1314', 'zhongguo', 'china', 'fupin', 'leader', 'banqian', 'xiangmu', 'test', 'root',
]);

const KINDS: RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

export interface PasswordProblem {
  code: 'too_short' | 'too_few_kinds' | 'contains_username' | 'common' | 'one_character';
  message: string;
  messageEn: string;
}

const PROBLEMS: Record<PasswordProblem['code'], Omit<PasswordProblem, 'code'>> = {
  too_short: {
    message: `密码至少${MIN_PASSWORD_LENGTH}位`,
    messageEn: `the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  too_few_kinds: {
    message: '密码须包含小写字母、大写字母、数字、符号中的至少三类',
    messageEn: 'the password needs at least three of: lower case, upper case, digits, symbols',
  },
  contains_username: { message: '密码不能包含用户名', messageEn: 'the password must not contain the user name' },
  common: { message: '密码过于常见，容易被猜中', messageEn: 'the password is too common and easily guessed' },
  one_character: { message: '密码不能由同一个字符重复组成', messageEn: 'the password must not repeat one character' },
};

const problem = (code: PasswordProblem['code']): PasswordProblem => ({ code, ...PROBLEMS[code] });

/** Everything wrong with a password for this user name; empty when it may be used. */
export function passwordProblems(password: string, username = ''): PasswordProblem[] {
  const found: PasswordProblem[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) found.push(problem('too_short'));
  if (KINDS.filter((kind) => kind.test(password)).length < MIN_CHARACTER_KINDS) found.push(problem('too_few_kinds'));
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length > 0 && lower.includes(name)) found.push(problem('contains_username'));
  if (COMMON_PASSWORDS.has(lower.replace(/[\d\W_]+$/u, ''))) found.push(problem('common'));
  if (password.length > 0 && new Set(password).size === 1) found.push(problem('one_character'));
  return found;
}

/** All problems in one bilingual sentence, as the API's error messages are written. */
export function passwordMessage(problems: PasswordProblem[]): string {
  return `${problems.map((p) => p.message).join('；')} / ${problems.map((p) => p.messageEn).join('; ')}`;
}
