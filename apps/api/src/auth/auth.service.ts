import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { LessThan, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { DomainError } from '../common/domain-error.js';
import { UserEntity } from '../users/user.entity.js';
import { timingDummyHash, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { SessionEntity } from './session.entity.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () =>
  new DomainError('invalid_credentials', 401, 'Unauthorized', 'Wrong e-mail or password.');

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(
    email: string,
    password: string,
  ): Promise<{ accessToken: string; expiresAt: string }> {
    const user = await this.users.findOneBy({ email: email.trim().toLowerCase() });
    const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);
    if (!user || !ok || user.disabledAt) throw invalidCredentials();

    const accessToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_SECONDS * 1000);
    await this.sessions.insert({ tokenHash: hashToken(accessToken), userId: user.id, expiresAt });
    await this.sessions.delete({ userId: user.id, expiresAt: LessThan(new Date()) });
    return { accessToken, expiresAt: expiresAt.toISOString() };
  }

  async logout(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashToken(token) });
  }

  /** The principal behind a bearer token, or null when it is unknown, expired or disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token) });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    const user = await this.users.findOneBy({ id: session.userId });
    if (!user || user.disabledAt) return null;
    return {
      userId: user.id,
      email: user.email,
      role: user.role,
      jurisdictions: user.jurisdictions,
    };
  }
}
