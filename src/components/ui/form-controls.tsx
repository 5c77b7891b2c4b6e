import Link from 'next/link';

/** One `<option>` per value, labelled from `labels` (role, import format…), for a `<select>`. */
export function LabelledOptions<T extends string>({ values, labels }: { values: readonly T[]; labels: Record<T, string> }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}

/** A form's submit button that says what is happening while the request runs, and cannot be pressed twice. */
export function SubmitButton({
  isPending,
  label,
  pendingLabel,
  className = 'btn btn-primary',
}: {
  isPending: boolean;
  label: string;
  pendingLabel: string;
  className?: string;
}) {
  return (
    <button type="submit" className={className} disabled={isPending}>
      {isPending ? pendingLabel : label}
    </button>
  );
}

/** "Sign in" and "Sign up" links that come back to `returnTo` afterwards. */
export function SignInLinks({ returnTo, signInClass, signUpClass }: { returnTo: string; signInClass: string; signUpClass: string }) {
  const back = encodeURIComponent(returnTo);
  return (
    <>
      <Link className={signInClass} href={`/signin?callbackUrl=${back}`}>
        Sign in
      </Link>
      <Link className={signUpClass} href={`/signup?callbackUrl=${back}`}>
        Sign up
      </Link>
    </>
  );
}

/** A radio choice's text: its name in bold and what it means, muted, after it. */
export function ChoiceText({ name, help }: { name: string; help: string }) {
  return (
    <span>
      <strong>{name}</strong> <span className="small muted">{help}</span>
    </span>
  );
}
