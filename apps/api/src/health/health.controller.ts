import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The process answers. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The database answers and every migration has run: safe to send traffic. */
  @Get('ready')
  async ready() {
    try {
      await this.db.query('SELECT 1');
      if (await this.db.showMigrations()) throw new Error('pending migrations');
      return { status: 'ok' };
    } catch {
      throw new DomainError('not_ready', 503, 'Service unavailable', 'The database is not ready.');
    }
  }
}
