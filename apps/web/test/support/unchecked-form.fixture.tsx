// A fixture for browser-checked-forms.test.ts (not part of the app): one form that lacks the browser's check, and
// forms that need none or have it.
/* eslint-disable */
export function Fixture({ check, Form, PostForm, Input }: any) {
  return (
    <>
      <PostForm data-testid="unchecked">
        <Input name="title" />
      </PostForm>
      <PostForm data-testid="checked" {...check('checked')}>
        <Input name="title" />
      </PostForm>
      <PostForm data-testid="buttons-only">
        <input type="hidden" name="id" value="1" />
        <button type="submit">OK</button>
      </PostForm>
      <Form method="get" data-testid="filters">
        <Input name="q" />
      </Form>
    </>
  );
}

/** A wrapper that draws its caller's fields in a form without the check: flagged as `wrapper:Wrapper`. */
export function Wrapper({ children, PostForm }: any) {
  return <PostForm>{children}</PostForm>;
}
