import type { ReactNode } from "react";
import { useMessage } from "~/components/use-message";

type FieldProps = {
  id: string;
  label: string;
  errors?: string[];
  errorId?: string;
  hint?: string;
  hintId?: string;
  children: ReactNode;
};

/** A label, the control, an optional hint and the field's errors, announced to screen readers. */
export function Field({ id, label, errors, errorId, hint, hintId, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** Error messages are translation keys (shared zod schemas speak in keys); each shows once. */
export function FieldErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  const message = useMessage();
  if (!errors?.length) return null;
  const unique = [...new Set(errors)];
  return (
    <ul className="field-errors" id={id}>
      {unique.map((e) => (
        <li key={e}>{message(e)}</li>
      ))}
    </ul>
  );
}

export function FormAlert({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" }) {
  if (!message) return null;
  return (
    <p className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {message}
    </p>
  );
}
