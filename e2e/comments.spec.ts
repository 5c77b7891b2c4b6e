import type { Page } from '@playwright/test';
import { addMember } from './db';
import { createMapOverApi, expect, nodeOf, signedInPage, test, trpc } from './fixtures';

const commentsOf = (page: Page) => page.getByRole('complementary', { name: 'Selection details' }).getByRole('region', { name: 'Comments' });

test('a student comments and mentions the teacher; the teacher is notified and resolves the thread, live for the student', async ({
  browser,
}) => {
  const teacher = await signedInPage(browser, 'teacher');
  const student = await signedInPage(browser, 'student');
  try {
    const map = await createMapOverApi(teacher.page, 'Should homework be abolished?');
    const { claim } = await trpc<{ claim: { id: string } }>(teacher.page.request, 'claim.create', {
      mapId: map.id,
      text: 'Homework should be abolished',
      x: 0,
      y: 0,
    });
    await addMember(map.id, student.account.email, 'voter');

    await teacher.page.goto(`/maps/${map.id}`);
    await expect(nodeOf(teacher.page, claim.id)).toBeVisible();
    await student.page.goto(`/maps/${map.id}`);
    await nodeOf(student.page, claim.id).locator('.claim-text').click();

    const studentThread = commentsOf(student.page);
    const box = studentThread.getByRole('combobox', { name: 'Add a comment' });
    await box.fill('Is this fair? @Teach');
    const option = studentThread.getByRole('option', { name: `@${teacher.account.displayName}` });
    await expect(option).toBeVisible();
    await box.press('Enter');
    await expect(box).toHaveValue(`Is this fair? @${teacher.account.displayName} `);
    await studentThread.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(studentThread.getByText(`Is this fair? @${teacher.account.displayName}`)).toBeVisible();

    // The teacher's bell counts the mention, and the node shows a comment.
    const bell = teacher.page.getByRole('button', { name: /Notifications, 1 unread/ });
    await expect(bell).toBeVisible({ timeout: 35_000 });
    await expect(nodeOf(teacher.page, claim.id).getByLabel('1 comment')).toBeVisible();
    await bell.click();
    await expect(teacher.page.getByRole('region', { name: 'Notifications' }).getByText(/mentioned you on the claim/)).toBeVisible();
    await expect(teacher.page.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();

    await nodeOf(teacher.page, claim.id).locator('.claim-text').click();
    const teacherThread = commentsOf(teacher.page);
    await expect(teacherThread.getByText('Is this fair?')).toBeVisible();
    await teacherThread.getByRole('button', { name: 'Resolve' }).click();

    // Resolved threads fold away, for the student too, without a reload.
    await expect(studentThread.getByText('1 resolved thread')).toBeVisible();
    await expect(studentThread.getByText('Is this fair?')).toBeHidden();
  } finally {
    await teacher.close();
    await student.close();
  }
});
