/**
 * Everything the code under test writes while each test runs (stdout, stderr and console, where jest and
 * Powertools in dev mode log), kept out of jest's output, for assertions on what was and was never logged.
 * Registers its `beforeEach` and an `afterEach` that restores every mock, where it is called (file or describe).
 */
export function captureOutput(): string[] {
  const captured: string[] = [];
  beforeEach(() => {
    captured.length = 0;
    const capture = (chunk: unknown) => {
      captured.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
      jest
        .spyOn(console, method)
        .mockImplementation((...args: unknown[]) => void captured.push(args.map(String).join(' ')));
  });
  afterEach(() => jest.restoreAllMocks());
  return captured;
}
