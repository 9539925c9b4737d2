// Turn an API error into an antd message the user sees (the server's Chinese `message`).
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError, errorMessage } from './client';

export function useNotify() {
  const { message } = App.useApp();
  const error = useCallback((err: unknown) => {
    // A 401 means the session ended: the app already says so and goes to the sign-in page.
    if (err instanceof ApiError && err.status === 401) return;
    void message.error(errorMessage(err));
  }, [message]);
  const success = useCallback((text: string) => {
    void message.success(text);
  }, [message]);
  return { error, success };
}
