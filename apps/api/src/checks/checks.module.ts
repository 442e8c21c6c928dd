import { Module } from '@nestjs/common';

/** Filled in by its feature's work (issue 4, trust layer). */
@Module({})
export class ChecksModule {}
