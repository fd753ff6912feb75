import { issue } from '../../errors/issue';
import type { CheckContext } from './context';

/** The users an app creates on its first start have roles that exist, and managers among themselves. */
export function checkFirstStart(ctx: CheckContext): void {
  const users = ctx.app.firstStart?.users ?? [];
  const roles = [...Object.keys(ctx.app.roles), 'admin'];
  const emails = users.map((u) => u.email);
  users.forEach((user, i) => {
    user.roles.forEach((role, j) => {
      if (!roles.includes(role)) ctx.issues.push(issue('ref.role', { file: 'app.json', path: `/firstStart/users/${i}/roles/${j}` }, { name: role, known: roles }, role));
    });
    if (user.manager !== undefined && !emails.includes(user.manager)) {
      ctx.issues.push(issue('ref.firstStartManager', { file: 'app.json', path: `/firstStart/users/${i}/manager` }, { name: user.manager, known: emails }, user.manager));
    }
  });
}
